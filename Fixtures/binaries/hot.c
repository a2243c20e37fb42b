#include <stdio.h>
#include <stdlib.h>

static volatile unsigned long sink;

__attribute__((noinline)) unsigned long work(unsigned long n) {
	unsigned long s = 0;
	for (unsigned long i = 0; i < n; i++) {
		s += i * i;
		s ^= s >> 3;
	}
	return s;
}

static inline unsigned long helper(unsigned long n) {
	return work(n) + work(n / 2);
}

__attribute__((noinline)) unsigned long outer(unsigned long n) {
	unsigned long t = helper(n);
	sink = t;
	return t;
}

int main(int argc, char **argv) {
	unsigned long n = argc > 1 ? strtoul(argv[1], 0, 10) : 1000;
	printf("%lu\n", outer(n));
	return 0;
}
