# expect STW2001
struct S { 1: map<i32,i32> cpp_type "x" m }
