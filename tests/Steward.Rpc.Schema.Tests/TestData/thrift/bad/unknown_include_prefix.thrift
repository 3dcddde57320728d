# expect STW2030
struct S { 1: other.Thing m }
