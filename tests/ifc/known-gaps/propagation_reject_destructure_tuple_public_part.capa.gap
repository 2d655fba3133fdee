fun main(stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    let (a, b) = (s, "x")
    stdio.println(b)
