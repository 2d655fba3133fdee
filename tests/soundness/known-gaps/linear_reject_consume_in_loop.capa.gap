linear type Handle { fd: Int }
impl Handle
    fun read(self) -> Int
        return self.fd
    fun close(consume self)
        return
fun open_handle(fd: Int) -> Handle
    return Handle { fd: fd }
fun f(xs: List<Int>)
    let h = open_handle(1)
    for x in xs
        h.close()
