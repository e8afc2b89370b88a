// prctl is variadic, so Swift cannot call it: one fixed-argument wrapper for what wixagent needs.
#include <sys/prctl.h>

/// Makes the calling process a child subreaper: descendants orphaned below it (an MCP server's
/// child that left its process group with setsid) are re-parented to it instead of to init.
static inline int wixagent_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}
