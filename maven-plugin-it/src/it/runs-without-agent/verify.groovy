// Both builds passed (the tests ran coroutines with no agent, @CoroTest ones too); the first rewrote the
// classes, the second found them unchanged and rewrote nothing.
def log = new File(basedir, 'build.log').text
def classes = new File(basedir, 'target/classes').absolutePath
def testClasses = new File(basedir, 'target/test-classes').absolutePath

def first = "coro4j rewrote 4 coroutine methods in 1 class of ${classes} (1 class file)"
assert log.contains(first): "no '${first}' in build.log"
def again = "coro4j rewrote 0 coroutine methods in 0 classes of ${classes} (1 class file, 1 unchanged since the last run)"
assert log.contains(again): "no '${again}' in build.log"
def tests = "coro4j rewrote (\\d+) coroutine methods in 2 classes of ${java.util.regex.Pattern.quote(testClasses)} \\(\\d+ class files\\)"
assert (log =~ tests).find(): "no '${tests}' in build.log"
assert log =~ "coro4j rewrote 0 coroutine methods in 0 classes of ${java.util.regex.Pattern.quote(testClasses)} \\((\\d+) class files, \\1 unchanged since the last run\\)"
// the plain tests, then the @CoroTest ones (with no agent, on real and on virtual time), in both builds
for (cls in ['app.GreeterTest', 'app.GreeterCoroTest']) {
    def ran = (log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [\d.]+ s -- in ${cls}\n/).size()
    assert ran == 2: "${cls} did not pass its 2 tests in both builds (${ran})"
}
assert log.count('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') >= 2
assert log.count('BUILD SUCCESS') == 2

def bytes = new File(basedir, 'target/classes/app/Greeter.class').getText('ISO-8859-1')
assert bytes.contains('Lio/coro4j/protocol/Rewritten;')
return true
