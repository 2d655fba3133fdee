fun main(stdio: Stdio)
    let n = match (stdio, 1)
        (s, k) -> k
    stdio.println("x")
