linear type Handle { fd: Int }
impl Handle
    fun read(self) -> Int
        return self.fd
    fun close(consume self)
        return
fun open_handle(fd: Int) -> Handle
    return Handle { fd: fd }
fun f()
    let m: Map<String, Handle> = new_map()
    m.set("a", open_handle(1))
