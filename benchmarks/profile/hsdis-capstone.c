/*
 * A minimal HotSpot disassembler plugin (hsdis) over the capstone library, for -prof perfasm: Debian's
 * libhsdis0-fcml exports only the old decode_instructions entry point, and JDK 9 and later call
 * decode_instructions_virtual, so with it the JDK prints bytes instead of instructions. profile.sh
 * builds this file (gcc, Debian's libcapstone-dev) into a private copy of the JDK image: the JDK loads
 * lib/server/hsdis-amd64.so, then lib/hsdis-amd64.so, before the library path. A profiling aid only: no
 * part of the build or of the product.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdbool.h>
#include <capstone/capstone.h>
typedef void* (*event_cb)(void*, const char*, void*);
typedef int (*printf_cb)(void*, const char*, ...);
static void* null_cb(void* s, const char* e, void* a) { return NULL; }
void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
    event_cb event_callback, void* event_stream, printf_cb printf_callback, void* printf_stream,
    const char* options, int newline) {
  csh h;
  if (printf_callback == NULL) { printf_callback = (printf_cb) &fprintf; if (printf_stream == NULL) printf_stream = stdout; }
  if (event_callback == NULL) event_callback = &null_cb;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) return NULL;
  cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
  cs_insn* insn;
  size_t count = cs_disasm(h, buffer, length, (uintptr_t) buffer, 0, &insn);
  for (size_t j = 0; j < count; j++) {
    (*event_callback)(event_stream, "insn", (void*) insn[j].address);
    (*printf_callback)(printf_stream, "%s\t\t%s", insn[j].mnemonic, insn[j].op_str);
    (*event_callback)(event_stream, "/insn", (void*) (insn[j].address + insn[j].size));
    if (newline) (*printf_callback)(printf_stream, "\n");
  }
  if (count) cs_free(insn, count);
  cs_close(&h);
  return NULL;
}
