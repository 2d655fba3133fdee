trait Render
    fun show(self, stdio: Stdio, v: String)
type Plain { n: Int }
impl Render for Plain
    fun show(self, stdio: Stdio, v: String)
        stdio.println(v)
fun go(r: Render, stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    r.show(stdio, s)
