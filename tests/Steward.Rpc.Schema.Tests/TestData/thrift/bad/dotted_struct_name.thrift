# expect STW2001
struct a.b { 1: i32 x }
