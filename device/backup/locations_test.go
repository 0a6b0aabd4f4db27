package backup

import (
	"slices"
	"testing"
)

func TestLocations(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, tc := range []struct {
		goos, home string
		env        map[string]string
		want       []string
	}{
		{"darwin", "/Users/ana", nil, []string{"/Users/ana/Library/Application Support/MobileSync/Backup"}},
		{"windows", `C:\Users\Ana`, map[string]string{"APPDATA": `C:\Users\Ana\AppData\Roaming`, "USERPROFILE": `C:\Users\Ana`},
			[]string{`C:\Users\Ana\AppData\Roaming\Apple Computer\MobileSync\Backup`, `C:\Users\Ana\Apple\MobileSync\Backup`}},
		{"windows", `D:\Profiles\Ana\`, nil, // no environment: both from the home folder
			[]string{`D:\Profiles\Ana\AppData\Roaming\Apple Computer\MobileSync\Backup`, `D:\Profiles\Ana\Apple\MobileSync\Backup`}},
		{"windows", "", map[string]string{"APPDATA": `E:\Roam`}, []string{`E:\Roam\Apple Computer\MobileSync\Backup`}},
		{"darwin", "", nil, nil},
		{"linux", "/home/ana", map[string]string{"APPDATA": "/x"}, nil},
	} {
		if got := Locations(tc.goos, tc.home, env(tc.env)); !slices.Equal(got, tc.want) {
			t.Errorf("%s %q %v:\n got %q\nwant %q", tc.goos, tc.home, tc.env, got, tc.want)
		}
	}
	if got := Locations("darwin", "/Users/ana", nil); len(got) != 1 {
		t.Errorf("nil getenv: %q", got)
	}
}
