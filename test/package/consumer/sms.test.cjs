// Jest with its default configuration (no transform of node_modules, CommonJS): smsim/msw and
// smsim/testing through their `require` build. msw/node itself does not load here (msw 2.11+
// needs ESM-only packages): smsimServer is the msw server smsim's CommonJS build carries.
'use strict'
const { test } = require('@jest/globals')
const { createSimulator, smsimServer } = require('smsim/msw')
const { startTestSmsim } = require('smsim/testing')
const { inProcess, realServer } = require('./exercise.cjs')

test('smsim/msw answers the real URL in-process', () =>
  inProcess({ createSimulator, serve: smsimServer }))

test('smsim/testing starts a real server', () => realServer({ startTestSmsim }))
