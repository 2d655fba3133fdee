fun main(stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    var x = s
    x = "public"
    stdio.println(x)
