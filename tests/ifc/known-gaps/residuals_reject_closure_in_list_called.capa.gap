fun main(stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    let sinks: List<Fun(String) -> ()> = []
    sinks.push(fun (x: String) => stdio.println(x))
    let f = sinks[0]
    f(s)
