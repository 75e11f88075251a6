package cluster

import "fmt"

// Fingerprint identifies a set of clusters, so that a model trained with
// one set refuses to load with another; "" stands for no clusters.
func Fingerprint(c *Clusters) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("levels %v, %d words, %s", c.Levels(), c.Len(), c.Info())
}
