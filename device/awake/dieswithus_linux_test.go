package awake

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// helperMode is set when the test binary runs as a stand-in for Unstuck
// that takes a lock and then waits to be killed.
const helperMode = "UNSTUCK_AWAKE_HELPER"

func TestMain(m *testing.M) {
	switch os.Getenv(helperMode) {
	case "":
		os.Exit(m.Run())
	case "child":
		lock, err := Child{Name: "test", Handshake: true, Command: func(string) []string { return []string{"cat"} }}.Acquire(context.Background(), "x")
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(lock.(*childLock).cmd.Process.Pid)
	case "logind":
		if _, err := (Logind{BusAddress: os.Getenv("UNSTUCK_AWAKE_BUS")}).Acquire(context.Background(), "x"); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(os.Getpid())
	}
	time.Sleep(time.Minute)
	os.Exit(2)
}

// runHelper starts the test binary as a helper, returns the line it printed
// once it holds its lock, and a function that kills it with SIGKILL.
func runHelper(t *testing.T, mode string, env ...string) (string, func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, helperMode+"="+mode)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kill := func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	t.Cleanup(kill)
	line, _ := bufio.NewReader(out).ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "error") {
		t.Fatalf("helper: %q", line)
	}
	return line, kill
}

// exited says whether pid is gone or a zombie.
func exited(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] == "Z"
}

// If Unstuck is killed outright, the helper program (cat under
// systemd-inhibit) ends too: its input closes with Unstuck.
func TestChildHelperDiesWithUnstuck(t *testing.T) {
	line, kill := runHelper(t, "child")
	catPID, err := strconv.Atoi(line)
	if err != nil {
		t.Fatal(err)
	}
	if exited(catPID) {
		t.Fatal("cat is not running while the helper holds the lock")
	}
	kill()
	deadline := time.Now().Add(5 * time.Second)
	for !exited(catPID) {
		if time.Now().After(deadline) {
			t.Fatalf("cat (pid %d) outlived the process that started it", catPID)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// If Unstuck is killed outright, logind sees its descriptor close.
func TestLogindLockEndsWithUnstuck(t *testing.T) {
	addr := startBus(t)
	fake := startFakeLogind(t, addr)
	_, kill := runHelper(t, "logind", "UNSTUCK_AWAKE_BUS="+addr)
	fake.waitLocks(1)
	waitClosed(t, fake.lock(0).held, 10*time.Second, "the helper to hold the lock")
	stillOpen(t, fake.lock(0).released, 100*time.Millisecond, "the lock while the helper lives")
	kill()
	waitClosed(t, fake.lock(0).released, 5*time.Second, "EOF after the helper was killed")
}
