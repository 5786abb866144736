#!/usr/bin/env node
import '../dist/src-evidence/cli.js';
