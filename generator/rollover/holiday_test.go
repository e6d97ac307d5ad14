package rollover

import (
	"testing"
	"time"
)

func TestHoliday(t *testing.T) {
	tests := []struct {
		date string
		want string // "" for a school day
	}{
		{"2026-10-19", "herfstvakantie"}, // Monday of week 43
		{"2026-10-26", ""},
		{"2026-12-28", "kerstvakantie"},
		{"2026-12-21", ""}, // week 52 is not the last ISO week of 2026 (week 53 is)
		{"2027-01-08", "kerstvakantie"},
		{"2027-01-11", ""},
		{"2027-01-04", "kerstvakantie"},
		{"2027-02-22", "voorjaarsvakantie"}, // week 8
		{"2027-03-01", "voorjaarsvakantie"}, // week 9
		{"2027-03-08", ""},
		{"2027-05-03", "meivakantie"},
		{"2027-07-14", ""},
		{"2027-07-15", "zomervakantie"},
		{"2027-08-31", "zomervakantie"},
		{"2027-09-01", ""},
	}
	for _, tt := range tests {
		d, err := time.Parse("2006-01-02", tt.date)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := Holiday(d)
		if got != tt.want {
			t.Errorf("Holiday(%s) = %q, want %q", tt.date, got, tt.want)
		}
	}
}
