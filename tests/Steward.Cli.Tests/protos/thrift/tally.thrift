namespace netstd Tally
include "units.thrift"

struct Count {
  1: required string name,
  2: optional units.Unit unit,
  3: i64 value = 0,
}

exception NotCounted { 1: string message }

service Tally {
  Count read(1: string name) throws (1: NotCounted missing),
  oneway void bump(1: string name),
}
