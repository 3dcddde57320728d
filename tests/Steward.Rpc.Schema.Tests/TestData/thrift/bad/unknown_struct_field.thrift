# expect STW2049
struct S { 1: i32 a = 1 }
const S c = { "z": 1 }
