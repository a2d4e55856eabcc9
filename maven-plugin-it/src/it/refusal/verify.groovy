// First build: the refusal failed it, naming the source file and the line of the suspending call, and
// left the refused class as compiled (no mark). Second build, with -Dcoro4j.failOnRefusal=false: a
// warning with the same file and line, the class written, and the test that calls the method passed.
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/app/Counter.java').absolutePath
def refusal = "${source}:[13] coro4j refused to rewrite coroutine method app.Counter.tick(Counter.java:12): the call to io.coro4j.Coro.sleep at line 13 can suspend inside a synchronized block"

def first = log.indexOf('BUILD FAILURE')
assert first > 0: 'the first build did not fail'
def failed = log.substring(0, first)
assert failed.contains("[ERROR] ${refusal}"): "no '[ERROR] ${refusal}' in the first build"
def summary = log.substring(first)
assert summary.contains('coro4j refused 1 coroutine method, first ' + source + ':[13]')
assert summary.contains('-Dcoro4j.failOnRefusal=false')

def second = log.substring(log.indexOf('[INFO] Scanning for projects...', first))
assert second.contains("[WARNING] ${refusal}"): "no '[WARNING] ${refusal}' in the second build"
assert second.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert second.contains('BUILD SUCCESS')

def bytes = new File(basedir, 'target/classes/app/Counter.class').getText('ISO-8859-1')
assert bytes.contains('Lio/coro4j/protocol/Rewritten;'): 'the second build wrote the class, marked'
return true
