/*
 * main.c: the conformance suite's runner (a root task).
 *
 * Prints one line per case, "case <ID> <purpose>: ok" or "...: FAILED", then
 * "conformance: N passed, M failed", and halts with the failure count (at most 255).
 */
#include "framework.h"

struct suite {
    const struct test_case *cases;
    const unsigned *count;
};

static const struct suite suites[] = {
    {untyped_cases, &untyped_cases_count},
    {cnode_cases, &cnode_cases_count},
    {describe_cases, &describe_cases_count},
    {cspace_cases, &cspace_cases_count},
    {tcb_cases, &tcb_cases_count},
    {vspace_cases, &vspace_cases_count},
    {asid_cases, &asid_cases_count},
    {ipc_cases, &ipc_cases_count},
    {reply_grant_cases, &reply_grant_cases_count},
    {fault_cases, &fault_cases_count},
    {irq_cases, &irq_cases_count},
    {regression_cases, &regression_cases_count},
};

static bool case_failed;
static cairn_cptr_t parent_untyped;   /* the boot untyped every case's region comes from */

void test_fail(const char *file, int line, const char *what, uint64_t got, uint64_t want)
{
    if (!case_failed) {
        cairn_printf("    %s:%d: %s: got %lu (0x%lx), want %lu (0x%lx)\n", file, line, what,
                     got, got, want, want);
    }
    case_failed = true;
}

enum cairn_error make_object(const struct env *env, unsigned type, unsigned size_bits,
                             cairn_cptr_t slot)
{
    return cairn_untyped_retype(env->untyped, type, size_bits, ROOT, 0, 0, slot, 1);
}

static void clean_up(const struct env *env)
{
    /* First take the CPU back: a case may have lowered us below its workers. */
    cairn_tcb_set_priority(CAIRN_CAP_INIT_TCB, CAIRN_CAP_INIT_TCB, 255);
    for (unsigned i = 0; i < env->free_count + 1; i++) {
        cairn_cnode_delete(ROOT, env->free_first - 1 + i, WORD);
    }
    cairn_cnode_revoke(ROOT, parent_untyped, WORD);
}

static void run_case(const struct test_case *c, const struct cairn_bootinfo *info)
{
    cairn_cptr_t first = CAIRN_CAP_FIRST_UNTYPED + info->untyped_count;
    struct env env = {
        .untyped = first, .free_first = first + 1,
        .free_count = (1u << CAIRN_ROOT_CNODE_RADIX) - first - 1, .bootinfo = info,
    };
    case_failed = false;
    enum cairn_error err = cairn_untyped_retype(parent_untyped, CAIRN_OBJECT_UNTYPED,
                                                CASE_UNTYPED_BITS, ROOT, 0, 0, env.untyped, 1);
    if (err != CAIRN_OK) {
        test_fail(__FILE__, __LINE__, "making the case's untyped", err, CAIRN_OK);
    } else {
        c->run(&env);
    }
    clean_up(&env);
    unsigned long problems = cairn_debug_self_check();
    if (problems != 0) {
        test_fail(__FILE__, __LINE__, "kernel self-check problems", problems, 0);
    }
    cairn_printf("case %s %s: %s\n", c->id, c->purpose, case_failed ? "FAILED" : "ok");
}

int main(const struct cairn_bootinfo *info)
{
    parent_untyped = cairn_largest_ram_untyped(info);
    unsigned passed = 0, failed = 0;
    for (unsigned s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
        for (unsigned i = 0; i < *suites[s].count; i++) {
            run_case(&suites[s].cases[i], info);
            if (case_failed) {
                failed++;
            } else {
                passed++;
            }
        }
    }
    cairn_printf("conformance: %u passed, %u failed\n", passed, failed);
    return failed > 255 ? 255 : (int)failed;
}
