package safeplist

import "encoding/binary"

// bplist is a binary property list whose 32-byte trailer checked out.
type bplist struct {
	data             []byte
	offSize, refSize uint64
	num, top, table  uint64 // object count, top object, offset table's position
}

// parseTrailer reads and checks the trailer as howett does, but with
// arithmetic that cannot overflow: the offset table lies between the
// 8-byte header (and at least one object) and the trailer, and fills that
// space exactly.
func parseTrailer(data []byte, lim Limits) (*bplist, error) {
	if len(data) < 8+1+1+32 {
		return nil, invalid("binary property list of %d bytes is too short", len(data))
	}
	t := data[len(data)-32:]
	p := &bplist{
		data: data, offSize: uint64(t[6]), refSize: uint64(t[7]),
		num: binary.BigEndian.Uint64(t[8:]), top: binary.BigEndian.Uint64(t[16:]), table: binary.BigEndian.Uint64(t[24:]),
	}
	end := uint64(len(data) - 32)
	switch {
	case p.offSize < 1 || p.offSize > 8 || p.refSize < 1 || p.refSize > 8:
		return nil, invalid("binary trailer: offset size %d, reference size %d", p.offSize, p.refSize)
	case p.table < 9 || p.table >= end:
		return nil, invalid("binary trailer: offset table at %d outside the objects", p.table)
	case (end-p.table)%p.offSize != 0 || (end-p.table)/p.offSize != p.num:
		return nil, invalid("binary trailer: offset table does not hold %d offsets", p.num)
	case p.num > uint64(lim.MaxValues):
		return nil, &LimitError{"values", lim.MaxValues}
	case p.top >= p.num:
		return nil, invalid("binary trailer: top object %d of %d", p.top, p.num)
	case p.refSize < 8 && p.num > 1<<(8*p.refSize):
		return nil, invalid("binary trailer: %d objects for %d-byte references", p.num, p.refSize)
	}
	return p, nil
}

// uint reads an n-byte big-endian integer at pos; pos+n is within data.
func (p *bplist) uint(pos, n uint64) uint64 {
	var v uint64
	for _, c := range p.data[pos : pos+n] {
		v = v<<8 | uint64(c)
	}
	return v
}

// object is what the walk needs of one object.
type object struct {
	refs, refPos uint64 // a container's references and where they start
	payload      uint64 // a string's or data's bytes
}

// object parses the header of object i and checks that all of it lies
// before the offset table.
func (p *bplist) object(i uint64) (object, error) {
	off := p.uint(p.table+i*p.offSize, p.offSize)
	if off < 8 || off >= p.table {
		return object{}, invalid("object %d at %d outside the objects", i, off)
	}
	tag := p.data[off]
	room := p.table - off - 1 // bytes after the tag
	fixed := func(n uint64) (object, error) {
		if n > room {
			return object{}, invalid("object %d runs into the offset table", i)
		}
		return object{}, nil
	}
	switch low := uint64(tag & 0x0F); tag >> 4 {
	case 0x0:
		if tag == 0x08 || tag == 0x09 {
			return object{}, nil
		}
	case 0x1:
		if low <= 4 {
			return fixed(1 << low)
		}
	case 0x2:
		if low == 2 || low == 3 {
			return fixed(1 << low)
		}
	case 0x3:
		return fixed(8)
	case 0x8:
		if low < 8 || low == 15 {
			return fixed(low + 1)
		}
	case 0x4, 0x5, 0x6:
		n, start, err := p.count(i, off)
		size := n
		if tag>>4 == 0x6 {
			size = n * 2 // UTF-16; at most 1.5 times that as a Go string
		}
		if err == nil && (n > p.table || size > p.table-start) {
			err = invalid("object %d runs into the offset table", i)
		}
		return object{payload: size}, err
	case 0xA, 0xD:
		n, start, err := p.count(i, off)
		if tag>>4 == 0xD {
			n *= 2 // keys, then values; n is below 2^56 here
		}
		if err == nil && n > (p.table-start)/p.refSize {
			err = invalid("container %d runs into the offset table", i)
		}
		return object{refs: n, refPos: start}, err
	}
	return object{}, invalid("object %d has unknown type 0x%02x", i, tag)
}

// count reads the element count of a string, data or container at off:
// the tag's low nibble, or 0xF and an integer object of 1 to 8 bytes.
func (p *bplist) count(i, off uint64) (n, start uint64, err error) {
	if low := uint64(p.data[off] & 0x0F); low != 0x0F {
		return low, off + 1, nil
	}
	if off+2 > p.table || p.data[off+1]>>4 != 0x1 || p.data[off+1]&0x0F > 3 {
		return 0, 0, invalid("object %d has a bad count", i)
	}
	size := uint64(1) << (p.data[off+1] & 0x0F)
	if off+2+size > p.table {
		return 0, 0, invalid("object %d has a bad count", i)
	}
	n = p.uint(off+2, size)
	if n >= 1<<56 {
		return 0, 0, invalid("object %d has a bad count", i)
	}
	return n, off + 2 + size, nil
}
