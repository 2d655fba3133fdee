fun main(stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    stdio.println(declassify(s, why: "ok"))
