// Cold start baseline: import zod alone, which both libraries need and neither can avoid.
import "zod";
