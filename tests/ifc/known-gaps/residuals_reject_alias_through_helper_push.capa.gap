type Bag { items: List<String> }
fun fill(b: Bag, v: String)
    b.items.push(v)
fun main(stdio: Stdio, env: Env)
    let s = env.get("TOKEN").unwrap_or("")
    let bag = Bag { items: [] }
    fill(bag, s)
    stdio.println(bag.items[0])
