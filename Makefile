# xen-mq-net: multi-queue Xen PV network drivers and their XenStore tools.
#
#   make                 modules (against KDIR) and userspace tools
#   make modules         xen-netfront.ko and xen-netback.ko only
#   make tools           xenstore-tools/
#   make check           userspace unit tests of core/ and of the tools
#   make fuzz            libFuzzer targets, FUZZ_SECONDS each (default 300)
#   make compile-check   modules with W=1 against every Debian 12 header tree found
#   make install         modules to /lib/modules/<ver>/updates, depmod, tools to $(PREFIX)
#   make test            the whole suite: unit tests, bounded fuzz, bed scenarios
#   make demo            boots the test bed and shows a multi-queue guest on our drivers
#   make bench           the benchmark in the test bed
#   make soak            lifecycle soak in the test bed, our netback:
#                        SOAK_DETACH detach/attach [200], SOAK_SAVE save/restore [20],
#                        SOAK_CHANNELS ethtool -L [20] cycles, SOAK_NETFRONT ours|stock [ours]

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
FUZZ_SECONDS ?= 300
SOAK_DETACH ?= 200
SOAK_SAVE ?= 20
SOAK_CHANNELS ?= 20
SOAK_NETFRONT ?= ours

.PHONY: all modules tools check fuzz compile-check install modules_install \
	tools_install clean test demo bench soak

all: modules tools

modules:
	@test -d "$(KDIR)" || { echo "KDIR=$(KDIR) does not exist: install linux-headers-$(KVER) or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

tools:
	$(MAKE) -C xenstore-tools

check:
	$(MAKE) -C tests/unit check
	$(MAKE) -C xenstore-tools check

fuzz:
	$(MAKE) -C tests/fuzz run FUZZ_SECONDS=$(FUZZ_SECONDS)

compile-check:
	tests/compile-check.sh

install: modules_install tools_install

modules_install: modules
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" INSTALL_MOD_DIR=updates modules_install
	depmod -a "$(KVER)"

tools_install: tools
	$(MAKE) -C xenstore-tools install PREFIX="$(PREFIX)"

test:
	tests/run-all.sh

demo:
	tests/bed/demo.sh

bench:
	tests/bed/bench.sh

# The counts reach dom0 through the scenarios folder (the run disk copies it).
soak:
	@f=tests/bed/scenarios/soak.env; trap 'rm -f $$f' EXIT; trap 'exit 130' INT TERM; \
	printf 'SOAK_DETACH=%s\nSOAK_SAVE=%s\nSOAK_CHANNELS=%s\nSOAK_NETFRONT=%s\n' \
		'$(SOAK_DETACH)' '$(SOAK_SAVE)' '$(SOAK_CHANNELS)' '$(SOAK_NETFRONT)' >$$f; \
	tests/bed/bed.sh run soak

clean:
	-test -d "$(KDIR)" && $(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean
	-$(MAKE) -C xenstore-tools clean
	-$(MAKE) -C tests/unit clean
	-$(MAKE) -C tests/fuzz clean
