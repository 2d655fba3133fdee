capability Logger
    fun log(self, msg: String)
type Quiet { n: Int }
impl Logger for Quiet
    fun log(self, msg: String)
        return
type Loud { out: Stdio }
impl Logger for Loud
    fun log(self, msg: String)
        self.out.println(msg)
fun report(lg: Logger, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    lg.log(s)
