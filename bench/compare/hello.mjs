// Hand-written JS twin of hello.capa.
console.log("hello");
