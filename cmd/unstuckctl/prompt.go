package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"unstuck/device/tr"
)

// Why a question got no answer, said in the language when printed.
var (
	errInputEnded  error = promptError("cli.prompt.input-ended")
	errInterrupted error = promptError("cli.prompt.interrupted")
)

// promptError is an error whose words are the catalogue's message of
// that ID, in the language current when it is said.
type promptError string

func (e promptError) Error() string { return tr.T(string(e)) }

// maxAnswer bounds one answer line; a longer line is not an answer.
const maxAnswer = 64 << 10

// prompter asks questions on out and reads the answers, one line each,
// from in. The lines are read in a goroutine, so a question is abandoned
// as soon as ctx ends (Ctrl-C, SIGTERM) even while a read blocks.
type prompter struct {
	ctx   context.Context
	in    io.Reader
	out   io.Writer
	lines chan answer // started by the first ask
}

type answer struct {
	text string
	err  error // set on the last one: errInputEnded or the read's error
}

func newPrompter(ctx context.Context, in io.Reader, out io.Writer) *prompter {
	return &prompter{ctx: ctx, in: in, out: out}
}

// ask writes the question and returns the trimmed answer. It fails with
// errInputEnded at the end of the input and errInterrupted when ctx ends.
func (p *prompter) ask(question string) (string, error) {
	if p.lines == nil {
		p.lines = make(chan answer)
		go p.read()
	}
	fmt.Fprint(p.out, question)
	select {
	case <-p.ctx.Done():
		fmt.Fprintln(p.out)
		return "", errInterrupted
	case a, ok := <-p.lines:
		switch {
		case !ok:
			return "", errInputEnded
		case a.err != nil:
			fmt.Fprintln(p.out)
			return "", a.err
		}
		return a.text, nil
	}
}

// yes asks a [y/N] question: only y or yes is a yes, or one of the
// language's own words for it (ladder.cli.yes-words: "j ja" in German).
func (p *prompter) yes(question string) (bool, error) {
	a, err := p.ask(question)
	return isYes(a), err
}

// isYes says whether an answer is a yes, in English or the language used.
func isYes(answer string) bool {
	answer = strings.ToLower(answer)
	for _, w := range append([]string{"y", "yes"}, strings.Fields(tr.T("ladder.cli.yes-words"))...) {
		if answer == strings.ToLower(w) {
			return true
		}
	}
	return false
}

// read sends each line of the input until it ends, an error, or ctx.
func (p *prompter) read() {
	defer close(p.lines)
	sc := bufio.NewScanner(p.in)
	sc.Buffer(make([]byte, 0, 1024), maxAnswer)
	for sc.Scan() {
		select {
		case p.lines <- answer{text: strings.TrimSpace(sc.Text())}:
		case <-p.ctx.Done():
			return
		}
	}
	err := errInputEnded
	if e := sc.Err(); errors.Is(e, bufio.ErrTooLong) {
		err = errors.New(tr.T("cli.prompt.too-long", "KiB", maxAnswer>>10))
	} else if e != nil {
		err = fmt.Errorf("%s: %w", tr.T("cli.prompt.reading"), e)
	}
	select {
	case p.lines <- answer{err: err}:
	case <-p.ctx.Done():
	}
}
