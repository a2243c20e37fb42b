package main

import "fmt"

//go:noinline
func work(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i
		s ^= s >> 3
	}
	return s
}

func helper(n int) int { return work(n) + work(n/2) }

//go:noinline
func outer(n int) int { return helper(n) }

func main() { fmt.Println(outer(1000)) }
