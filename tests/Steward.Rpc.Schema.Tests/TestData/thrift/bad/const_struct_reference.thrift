# expect STW2037
struct S { 1: i32 a }
const S A = {"a": 1}
struct T { 1: S s = A }
