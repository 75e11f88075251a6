package metric

import "testing"

func TestRatioF1(t *testing.T) {
	if Ratio(1, 4) != 0.25 || Ratio(3, 0) != 0 {
		t.Errorf("Ratio(1, 4) = %v, Ratio(3, 0) = %v", Ratio(1, 4), Ratio(3, 0))
	}
	if got := F1(0.5, 1); got < 0.6666 || got > 0.6667 {
		t.Errorf("F1(0.5, 1) = %v", got)
	}
	if F1(0, 0) != 0 {
		t.Error("F1(0, 0) is not 0")
	}
}
