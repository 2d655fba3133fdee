fun main(stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    let label = match s
        "admin" -> "A"
        _ -> "U"
    stdio.println(label)
