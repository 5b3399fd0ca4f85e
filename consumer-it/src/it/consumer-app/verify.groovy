// The program ran on the backend the project depends on, with the right answer.
def log = new File(basedir, 'build.log').text
assert log.contains('consumer-app: backend ejml, y = [4.5, 4.5, 10.5, 10.5]')
