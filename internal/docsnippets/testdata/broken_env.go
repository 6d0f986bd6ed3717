// An environment that does not compile, for TestCheckBrokenEnvironment.
package main

import "context"

var ctx = context.Background()

var x = nosuch
