# expect STW2037
struct S { 1: i32 a = "x" }
