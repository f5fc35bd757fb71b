/* similar: weighted edit distance for suggestions (see similar.h). */
#include "similar.h"

#include <stdbool.h>
#include <string.h>

size_t similar_distance(const char *a, const char *b)
{
	return similar_within(a, b, SIMILAR_FAR - 1);
}

size_t similar_within(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SIMILAR_MAX || lb > SIMILAR_MAX)
		return SIMILAR_FAR;
	/* every extra letter costs 2 */
	if ((la > lb ? la - lb : lb - la) * 2 > max)
		return SIMILAR_FAR;
	size_t row[SIMILAR_MAX + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j * 2;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i * 2;
		size_t least = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			char p = a[i - 1], q = b[j - 1];
			bool letters = ((p | 32) >= 'a' && (p | 32) <= 'z');
			size_t cost = p == q ? 0 : (letters && (p | 32) == (q | 32)) ? 1 : 2;
			size_t best = prev + cost;
			if (row[j] + 2 < best)
				best = row[j] + 2;
			if (row[j - 1] + 2 < best)
				best = row[j - 1] + 2;
			row[j] = best;
			prev = cur;
			if (best < least)
				least = best;
		}
		/* a row's least cost never drops in the rows below */
		if (least > max)
			return SIMILAR_FAR;
	}
	return row[lb] <= max ? row[lb] : SIMILAR_FAR;
}

size_t similar_limit(size_t len)
{
	return len <= 3 ? 2 : len <= 6 ? 4 : 6;
}
