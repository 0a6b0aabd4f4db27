package safeplist

// measured is what the walk knows of a finished object: the depth, value
// count and payload bytes of its expansion.
type measured struct {
	depth   int
	values  uint64
	payload uint64
}

// frame is an object on the walk's stack, with what its finished
// children added so far.
type frame struct {
	index uint64
	obj   object
	next  uint64 // references read so far
	sum   measured
}

// Object states in the walk.
const (
	unseen = iota
	open   // on the stack: meeting it again is a cycle
	done   // measured
)

// scanBinary measures a binary property list by an iterative depth-first
// walk of its object graph from the top object. Each object is parsed once
// and each reference read once (O(objects+references)); a finished
// object's measure is kept, so an object shared by many containers costs
// one lookup per reference, while its measure counts once per reference:
// that is how many copies unmarshalling makes. The stack never grows past
// MaxDepth.
func scanBinary(data []byte, lim Limits) (stats, error) {
	p, err := parseTrailer(data, lim)
	if err != nil {
		return stats{}, err
	}
	state := make([]uint8, p.num)
	memo := make([]measured, p.num)
	var stack []frame
	push := func(i uint64) error {
		if len(stack)+1 > lim.MaxDepth {
			return &LimitError{"depth", lim.MaxDepth}
		}
		obj, err := p.object(i)
		if err != nil {
			return err
		}
		state[i] = open
		stack = append(stack, frame{index: i, obj: obj})
		return nil
	}
	if err := push(p.top); err != nil {
		return stats{}, err
	}
	for {
		f := &stack[len(stack)-1]
		if f.next < f.obj.refs {
			child := p.uint(f.obj.refPos+f.next*p.refSize, p.refSize)
			f.next++
			switch {
			case child >= p.num:
				return stats{}, invalid("reference to object %d of %d", child, p.num)
			case state[child] == open:
				return stats{}, invalid("object %d contains itself", child)
			case state[child] == done:
				if err := f.sum.add(memo[child], lim); err != nil {
					return stats{}, err
				}
			default:
				if err := push(child); err != nil {
					return stats{}, err
				}
			}
			continue
		}
		m := measured{depth: f.sum.depth + 1, values: f.sum.values + 1, payload: f.sum.payload + f.obj.payload}
		if err := m.check(lim); err != nil {
			return stats{}, err
		}
		memo[f.index], state[f.index] = m, done
		stack = stack[:len(stack)-1]
		if len(stack) == 0 {
			return stats{depth: m.depth, values: int(m.values)}, nil
		}
		if err := stack[len(stack)-1].sum.add(m, lim); err != nil {
			return stats{}, err
		}
	}
}

// add folds a child's measure into a container's; each operand is within
// the limits, so the sums cannot overflow.
func (m *measured) add(c measured, lim Limits) error {
	m.depth = max(m.depth, c.depth)
	m.values += c.values
	m.payload += c.payload
	return m.check(lim)
}

func (m measured) check(lim Limits) error {
	switch {
	case m.depth > lim.MaxDepth:
		return &LimitError{"depth", lim.MaxDepth}
	case m.values > uint64(lim.MaxValues):
		return &LimitError{"values", lim.MaxValues}
	case m.payload > uint64(lim.MaxBytes):
		return &LimitError{"expanded size", lim.MaxBytes}
	}
	return nil
}
