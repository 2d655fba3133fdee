const OUTS: List<Stdio> = []
