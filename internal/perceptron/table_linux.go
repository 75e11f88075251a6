//go:build linux

package perceptron

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on x86-64 and arm64.
const hugePage = 2 << 20

// newTable returns a zeroed slice of n elements for a lookup table that
// scoring reads at random. Tables of a few megabytes or more are mapped
// apart from the Go heap and advised to the kernel as huge pages
// (MADV_HUGEPAGE): a random probe into a table of 16 MB on 4 KiB pages
// misses the TLB as well as the cache, on 2 MiB pages it mostly misses
// the cache alone. owner's cleanup unmaps the table. T must hold no
// pointers. Where the mapping fails, the table is an ordinary slice.
func newTable[T any](owner *Model, n int) []T {
	var zero T
	size := n * int(unsafe.Sizeof(zero))
	if size < hugePage {
		return make([]T, n)
	}
	mem, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n)
	}
	off := 0
	if r := uintptr(unsafe.Pointer(&mem[0])) % hugePage; r != 0 {
		off = int(hugePage - r)
	}
	_ = syscall.Madvise(mem[off:off+size], syscall.MADV_HUGEPAGE) // advice: no huge pages is still correct
	runtime.AddCleanup(owner, func(mem []byte) { _ = syscall.Munmap(mem) }, mem)
	return unsafe.Slice((*T)(unsafe.Pointer(&mem[off])), n)
}
