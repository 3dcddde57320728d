# expect STW2008
struct S { 1: slist a }
