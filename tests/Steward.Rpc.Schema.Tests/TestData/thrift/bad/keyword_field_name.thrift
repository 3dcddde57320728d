# expect STW2001
struct S { 1: i32 list }
