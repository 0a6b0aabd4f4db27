package backup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// The SQLite file header, as https://www.sqlite.org/fileformat2.html
// section 1.3 lays it out. Only the header is read: no SQLite library is
// linked, and the check never opens the database for writing.
const (
	sqliteHeaderSize = 100
	sqliteMagic      = "SQLite format 3\x00"
)

// errNotSQLite means the file does not start with SQLite's magic string:
// either it is damaged or it is encrypted (an encrypted backup's Manifest.db).
var errNotSQLite = errors.New("not a SQLite database")

// checkSQLite checks that r, of the given size in bytes, holds a
// well-formed SQLite 3 database header, that the file is a whole number of
// pages no shorter than the header says, and that its last page can be
// read. It returns errNotSQLite when the magic string is absent.
func checkSQLite(r io.ReaderAt, size int64) error {
	if size == 0 {
		return errors.New("it is empty")
	}
	var h [sqliteHeaderSize + 1]byte // and the first b-tree page's type byte
	if n, err := r.ReadAt(h[:], 0); n < len(h) {
		if err != nil && err != io.EOF {
			return fmt.Errorf("it cannot be read: %w", err)
		}
		if string(h[:min(n, len(sqliteMagic))]) != sqliteMagic[:min(n, len(sqliteMagic))] {
			return errNotSQLite
		}
		return fmt.Errorf("it is cut short (%d bytes)", size)
	}
	if string(h[:16]) != sqliteMagic {
		return errNotSQLite
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("its header is damaged (page size %d)", pageSize)
	}
	if h[18] < 1 || h[18] > 2 || h[19] < 1 || h[19] > 2 {
		return fmt.Errorf("its header is damaged (file format versions %d and %d)", h[18], h[19])
	}
	if h[21] != 64 || h[22] != 32 || h[23] != 32 {
		return errors.New("its header is damaged (payload fractions)")
	}
	if size%pageSize != 0 {
		return fmt.Errorf("it is cut short (%d bytes is not a whole number of %d-byte pages)", size, pageSize)
	}
	changeCounter := binary.BigEndian.Uint32(h[24:28])
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	validFor := binary.BigEndian.Uint32(h[92:96])
	if pages != 0 && changeCounter == validFor && size/pageSize < pages {
		return fmt.Errorf("it is cut short (%d of its %d pages)", size/pageSize, pages)
	}
	// The first page holds the schema table's root: a table b-tree page,
	// leaf (13) or interior (5).
	if h[sqliteHeaderSize] != 13 && h[sqliteHeaderSize] != 5 {
		return errors.New("its first page is damaged")
	}
	last := make([]byte, pageSize)
	if _, err := r.ReadAt(last, size-pageSize); err != nil {
		return fmt.Errorf("it cannot be read to the end: %w", err)
	}
	return nil
}
