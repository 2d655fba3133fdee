capability Service
    fun ping(self) -> Bool
type Box { out: Stdio }
impl Service for Box
    fun ping(self) -> Bool
        self.out.println("ping")
        return true
fun make_box(stdio: Stdio) -> Box
    return Box { out: stdio }
fun both(s: Service, out: Stdio)
    out.println("x")
    let ok = s.ping()
fun go(box: Box)
    both(box, box.out)
