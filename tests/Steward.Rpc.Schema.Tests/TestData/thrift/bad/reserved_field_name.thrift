# expect STW2007
struct S { 1: i32 class }
