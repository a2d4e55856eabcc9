// The refusal was a warning with the file and line, the build went on, and the test that calls the
// refused method passed.
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/java/app/Counter.java').absolutePath
def warning = "[WARNING] ${source}:[13] coro4j refused to rewrite coroutine method app.Counter.tick(Counter.java:12)"
assert log.contains(warning): "no '${warning}' in build.log"
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')
return true
