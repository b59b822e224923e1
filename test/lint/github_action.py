"""action.yml as GitHub's runner reads it, for the tests that run its steps
here: its inputs with their defaults, and a step's env with the `${{ }}`
expressions it uses replaced."""
import re

import yaml


def load(source_dir):
    return yaml.safe_load((source_dir / 'action.yml').read_text())


def step(action, name):
    return next(s for s in action['runs']['steps'] if s['name'] == name)


def inputs(action, **given):
    """Every input: the given value (llvm='22', build_dir=...), else its
    default."""
    values = {name: str(spec.get('default', ''))
              for name, spec in action['inputs'].items()}
    for name, value in given.items():
        values[name.replace('_', '-')] = value
    return values


def environment(step, inputs, **contexts):
    """The step's env: `${{ inputs.x }}` from \\p inputs, `${{ c.name }}`
    from \\p contexts as c_name (github_action_path=...)."""
    def value(match):
        context, name = match.group(1), match.group(2)
        if context == 'inputs':
            return inputs[name]
        return contexts[f'{context}_{name}'.replace('-', '_')]
    return {key: re.sub(r'\$\{\{\s*(\w+)\.([\w-]+)\s*\}\}', value, str(raw))
            for key, raw in step.get('env', {}).items()}
