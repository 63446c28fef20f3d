"""The disputes ladder: where each clause stands after judging, and the step a review meeting takes
next."""
