// SPDX-License-Identifier: GPL-2.0
/*
 * The live store: libxenstore for the tree and watches, libxenctrl for the
 * vCPU count of a domain.  Opening explains failures in terms a person can
 * act on: not under Xen, not dom0, xenstored down, not root.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenstore.h>

#include "xst_source.h"

/* A dead xenstored behind /dev/xen/xenbus blocks reads forever: bound the probe. */
#define PROBE_TIMEOUT_S		5
#define PROBE_TIMEOUT_TEXT	"5"
/* Changes that land this close together are reported as one. */
#define SETTLE_MS		100
#define DOMAINS_ROOT		"/local/domain"

struct live_source {
	struct xst_source base;
	struct xs_handle *xs;
	xc_interface *xc;
	bool xc_tried;
};

static struct live_source *to_live(struct xst_source *src)
{
	return (struct live_source *)src;
}

static char *live_read(struct xst_source *src, const char *path)
{
	unsigned int len;

	return xs_read(to_live(src)->xs, XBT_NULL, path, &len);
}

/* xs_directory() returns one block; give callers separately freeable names. */
static char **live_list(struct xst_source *src, const char *path)
{
	unsigned int n, i;
	char **block = xs_directory(to_live(src)->xs, XBT_NULL, path, &n);
	char **names;

	if (!block)
		return NULL;
	names = calloc(n + 1, sizeof(*names));
	for (i = 0; names && i < n; i++) {
		names[i] = strdup(block[i]);
		if (!names[i]) {
			xst_strv_free(names);
			names = NULL;
		}
	}
	free(block);
	return names;
}

static int live_write(struct xst_source *src, const char *path, const char *value)
{
	return xs_write(to_live(src)->xs, XBT_NULL, path, value, strlen(value)) ? 0 : -1;
}

static int live_remove(struct xst_source *src, const char *path)
{
	return xs_rm(to_live(src)->xs, XBT_NULL, path) ? 0 : -1;
}

static int live_watch(struct xst_source *src, const char *path)
{
	return xs_watch(to_live(src)->xs, path, path) ? 0 : -1;
}

static void drain_settling_events(struct live_source *ls)
{
	struct pollfd pfd = { .fd = xs_fileno(ls->xs), .events = POLLIN };
	char **ev;

	while (poll(&pfd, 1, SETTLE_MS) > 0) {
		ev = xs_check_watch(ls->xs);
		if (!ev)
			break;
		free(ev);
	}
}

static char *live_wait_change(struct xst_source *src)
{
	struct live_source *ls = to_live(src);
	unsigned int num;
	char **ev = xs_read_watch(ls->xs, &num);
	char *path;

	if (!ev)
		return NULL;
	path = strdup(ev[XS_WATCH_PATH]);
	free(ev);
	drain_settling_events(ls);
	return path;
}

static void quiet_log(struct xentoollog_logger *logger, xentoollog_level level,
		      int errnoval, const char *context, const char *format,
		      va_list al)
{
	(void)logger;
	(void)level;
	(void)errnoval;
	(void)context;
	(void)format;
	(void)al;
}

static void quiet_destroy(struct xentoollog_logger *logger)
{
	(void)logger;
}

/* libxenctrl prints its own errors; ours say what to do instead. */
static struct xentoollog_logger quiet_logger = {
	.vmessage = quiet_log,
	.destroy = quiet_destroy,
};

static int live_domain_vcpus(struct xst_source *src, unsigned int domid)
{
	struct live_source *ls = to_live(src);
	xc_domaininfo_t info;

	if (!ls->xc_tried) {
		ls->xc_tried = true;
		ls->xc = xc_interface_open(&quiet_logger, &quiet_logger, 0);
		if (!ls->xc)
			src->vcpus_unavailable = errno == EACCES ?
				"libxenctrl: permission denied (run as root in dom0)" :
				"libxenctrl cannot open the hypervisor interface (needs dom0 privileges)";
	}
	if (!ls->xc) {
		errno = EACCES;
		return -1;
	}
	if (xc_domain_getinfolist(ls->xc, domid, 1, &info) != 1 || info.domain != domid) {
		errno = ENOENT;
		return -1;
	}
	if (info.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID)
		return 0;
	return (int)info.max_vcpu_id + 1;
}

static void live_close(struct xst_source *src)
{
	struct live_source *ls = to_live(src);

	if (ls->xc)
		xc_interface_close(ls->xc);
	xs_close(ls->xs);
	free(ls);
}

static const struct xst_source_ops live_ops = {
	.read = live_read,
	.list = live_list,
	.write = live_write,
	.remove = live_remove,
	.watch = live_watch,
	.wait_change = live_wait_change,
	.domain_vcpus = live_domain_vcpus,
	.close = live_close,
};

static bool file_has(const char *path, const char *word)
{
	char buf[256];
	size_t got;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	got = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[got] = 0;
	return strstr(buf, word) != NULL;
}

/* Why xs_open() failed, as advice. */
static void explain_open_failure(int err, char *msg, int msglen)
{
	const char *why = strerror(err);

	if (err == EACCES || err == EPERM)
		snprintf(msg, msglen,
			 "cannot open XenStore: xenstored is not reachable (%s): run as root in dom0",
			 why);
	else if (!file_has("/sys/hypervisor/type", "xen") && access("/proc/xen", F_OK))
		snprintf(msg, msglen,
			 "cannot open XenStore: xenstored is not reachable (%s): this host is not running under Xen; run the tool in dom0 of a Xen host",
			 why);
	else if (!file_has("/proc/xen/capabilities", "control_d"))
		snprintf(msg, msglen,
			 "cannot open XenStore: xenstored is not reachable (%s): this looks like a Xen guest, not dom0 (/proc/xen/capabilities lacks control_d, or xenfs is not mounted on /proc/xen); run the tool in dom0",
			 why);
	else
		snprintf(msg, msglen,
			 "cannot open XenStore: xenstored is not reachable (%s): start it (systemctl start xenstored, or /etc/init.d/xencommons start)",
			 why);
}

static void probe_timed_out(int sig)
{
	static const char msg[] =
		": error: xenstored is not reachable: XenStore did not answer within "
		PROBE_TIMEOUT_TEXT " s (is xenstored running?)\n";
	const char *prog = program_invocation_short_name;

	(void)sig;
	/* only async-signal-safe calls here */
	if (write(STDERR_FILENO, prog, strlen(prog)) < 0 ||
	    write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(2);
}

/* One read of /local/domain tells a dead daemon and a guest's view apart. */
static int probe(struct xs_handle *xs, char *msg, int msglen)
{
	struct sigaction sa = { .sa_handler = probe_timed_out }, old;
	unsigned int n;
	char **dir;
	int err;

	sigaction(SIGALRM, &sa, &old);
	alarm(PROBE_TIMEOUT_S);
	dir = xs_directory(xs, XBT_NULL, DOMAINS_ROOT, &n);
	err = errno;
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	if (dir) {
		free(dir);
		return 0;
	}
	if (err == EACCES || err == EPERM)
		snprintf(msg, msglen,
			 "XenStore denies reading %s (%s): this is not dom0; run the tool in dom0 as root",
			 DOMAINS_ROOT, strerror(err));
	else
		snprintf(msg, msglen, "cannot read %s from XenStore (%s): is xenstored healthy?",
			 DOMAINS_ROOT, strerror(err));
	return -1;
}

struct xst_source *xst_source_live_open(char *err, int errlen)
{
	struct live_source *ls;
	struct xs_handle *xs = xs_open(0);

	if (!xs) {
		explain_open_failure(errno, err, errlen);
		return NULL;
	}
	if (probe(xs, err, errlen)) {
		xs_close(xs);
		return NULL;
	}
	ls = calloc(1, sizeof(*ls));
	if (!ls) {
		xs_close(xs);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ls->base.ops = &live_ops;
	ls->xs = xs;
	return &ls->base;
}
