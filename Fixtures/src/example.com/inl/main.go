// Source the crafted inlined.pb.gz profile points at (hand-written to match its line numbers).
package main


func inner(x int) int {
	y := x * 3
	y += x >> 2
	return y ^ x
}





func middle(x int) int {
	s := 0
	s += inner(x)
	s += inner(x + 1)
	return s + x
}




func outer(n int) int {
	t := 0
	t += middle(n)
	t *= 2
	return t + n
}




func other(n int) int {
	v := n
	return middle(v)
}






func main() {
	sum := 0
	sum += outer(10)
	sum += other(20)
	println(sum)
}
