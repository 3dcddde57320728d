#!/usr/local/bin/thrift --gen json
# Layout the Thrift compiler accepts that a careless parser would not: comments of every kind in
# every gap, no whitespace where none is needed, separators everywhere, deep nesting, odd literals.
namespace   *   odd.ities   # trailing hash comment
namespace rb Odd.Ities
namespace java odd.ities.java // trailing slash comment

/* plain block comment, not documentation */
/** documentation wins over the plain comment after it */
/* a plain comment in between */
struct Packed{1:i32 a;2:string b,3:list<list<list<list<list<list<list<list<i32>>>>>>>> deep}

/**
 * Indented
 *   documentation
 */
enum Sparse{ZERO=0x0,BIG=0x7FFFFFFF;NEG=-0x10,NEXT}

const list<list<i32>> MATRIX=[[1,2],[3,4];[],]
const map<string,map<string,string>> NESTED_MAP={'a':{'b':'c'},"d":{}}
const double TINY=1e-300
const double HUGE=+1.5E+300
const i64 PLUS=+7
const string EMPTY=""
const string SEPARATORS=",;:{}[]()<>=*#//"
const i16 NEG_SHORT=-32768

struct Defaults{
  1:optional Sparse s=Sparse.NEG,
  2:required list<Sparse> all=[Sparse.ZERO,Sparse.BIG,Sparse.NEG,Sparse.NEXT],
  3:map<Sparse,Packed> by_sparse={Sparse.ZERO:{"a":1,"b":"x","deep":[[[[[[[[1]]]]]]]]}},
  4:set<string> tags=["x"],
  5:Packed packed={},
  6:double d=-0,
  7:binary b="\\x00"
}(a='single quoted',b="double quoted";c)

exception E1{}exception E2{1:string m}
service Svc{void a()throws(1:E1 e1,2:E2 e2)oneway void b(),i32 c(1:i32 x;2:i32 y)}
service Svc2 extends Svc{}(x="y")
