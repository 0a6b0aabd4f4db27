// Package packaging holds the tests of what Unstuck ships: the third-party
// notices against the modules linked in, the release workflows' jobs and
// steps, and the reproducible, VCS-stamped release build. The files it
// tests are beside it (notices.sh, linux.mk, linux/) and in .github/.
package packaging
